/**
 * The spec is valid but what it asks for does not fit a cloud's limit (policy size, policy
 * count, permissions per role). Bad input like a SpecError: exit code 2, nothing written.
 */
export class LimitError extends Error {
  constructor(
    readonly cloud: string,
    readonly limit: string,
    message: string,
  ) {
    super(`${cloud}: ${limit}: ${message}`);
    this.name = 'LimitError';
  }
}
