// The field's standard lint for TypeScript: ESLint's and typescript-eslint's recommended rules,
// with the few exceptions below, each for a reason.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'templates/**', 'node_modules/**', 'cdk.out/**', 'cdktf.out/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Leaving fields out by destructuring them beside a rest element is how the code drops them.
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] } },
  {
    // The bin/, cli/ and bench/ scripts are CommonJS run by Node as they are.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', setTimeout: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Each cloud's renderer, and each trust form's rendering, is required when that cloud is
    // generated, so a spec for one cloud and the review, diff and handoff do not load aws-cdk-lib
    // or cdktf for what they do not render (first synth stays fast).
    files: ['lib/*/provider.ts', 'lib/*/forms/*/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Readers of the generated templates: their shape is the renderers' and the clouds', not a
    // TypeScript type; the tests read every reader against real templates.
    files: ['lib/release/release-facts.ts', 'lib/*/provider.ts', 'lib/*/forms/*/index.ts', 'lib/release/replacements.ts', 'lib/terraform/synth-terraform.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests load fixtures and compiled modules the way the CLI does.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
