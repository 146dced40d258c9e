/** Where a command prints; tests capture it. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}
