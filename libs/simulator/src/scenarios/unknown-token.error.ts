/** A scenario named a token the world does not have: answered 404 over /_sim. */
export class UnknownTokenError extends Error {
  constructor(scenario: string, tokenId: string) {
    super(`${scenario}: unknown token ${tokenId}`);
    this.name = 'UnknownTokenError';
  }
}
