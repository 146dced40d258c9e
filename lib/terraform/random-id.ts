import { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

/** hashicorp/random: `random_id` has been stable since 1.0; 3.x is the current major. */
export const RANDOM_PROVIDER = { source: 'hashicorp/random', version: '~> 3.0' } as const;

export interface RandomIdProps {
  /** Bytes of randomness; `hex` has twice as many characters. */
  readonly byteLength: number;
}

/**
 * `random_id` of the hashicorp/random provider: a value chosen once at create and kept in
 * state, so it is stable across plans and new after a destroy. Written by hand because cdktf's
 * prebuilt random bindings would add a dependency for one resource with one argument.
 */
export class RandomId extends TerraformResource {
  private readonly byteLength: number;

  constructor(scope: Construct, id: string, props: RandomIdProps) {
    super(scope, id, { terraformResourceType: 'random_id' });
    this.byteLength = props.byteLength;
  }

  /** The random bytes as lower-case hex, `2 × byteLength` characters. */
  get hex(): string {
    return this.getStringAttribute('hex');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { byte_length: this.byteLength };
  }
}
