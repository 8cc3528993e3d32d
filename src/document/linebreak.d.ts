/** The Unicode line-breaking algorithm (UAX #14) package, as far as it is used here. */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
