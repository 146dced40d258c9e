/** Exactly the characters STS accepts in an external id, and its length range. */
export const EXTERNAL_ID = { pattern: '^[A-Za-z0-9_+=,.@:/-]+$', minLength: 2, maxLength: 1224 } as const;
