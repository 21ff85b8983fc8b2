/** One record of a CSV file, with the line it starts on, as the person who wrote the manifest counts lines. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Quoting broken (a quote inside an unquoted field, text after a closing quote, a quote never closed). */
  malformed: boolean;
}

/**
 * RFC 4180 read as it streams: the text comes in chunks of any size (a record, a quoted line break or
 * a CR LF may straddle two) and whole records come out, so a manifest of any length is read in
 * constant memory. Line breaks are CR LF, LF or a lone CR; a byte-order mark at the start is dropped.
 * Broken quoting does not stop the reading: the record is marked malformed and reading goes on, so
 * one bad row is refused and the rest of the manifest still counts.
 */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private inQuotes = false;
  private quoteSeen = false;
  private malformed = false;
  private afterCr = false;
  private quotedCr = false;
  private started = false;
  private line = 1;
  private recordLine = 1;
  private recordHasContent = false;

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
          // fall through: the quote closed the field; c is what follows it
        } else {
          if (c === '"') {
            this.quoteSeen = true;
            this.quotedCr = false;
          } else {
            // A line break inside quotes still moves the line count on (CR LF once).
            if (c === '\r' || (c === '\n' && !this.quotedCr)) this.line++;
            this.quotedCr = c === '\r';
            this.field += c;
          }
          continue;
        }
      }
      if (c === ',') {
        this.endField();
      } else if (c === '\r' || c === '\n') {
        if (c === '\r') this.afterCr = true;
        const record = this.endRecord();
        if (record) out.push(record);
        this.line++;
        this.recordLine = this.line;
      } else if (c === '"') {
        if (this.field.length === 0 && !this.quoted) {
          this.quoted = true;
          this.inQuotes = true;
        } else {
          this.malformed = true;
          this.field += c;
        }
        this.recordHasContent = true;
      } else {
        if (this.quoted) this.malformed = true; // text after the closing quote
        this.field += c;
        this.recordHasContent = true;
      }
    }
    return out;
  }

  /** The last record, when the text does not end with a line break; a quote still open makes it malformed. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quoteSeen) this.malformed = true;
    this.inQuotes = false;
    this.quoteSeen = false;
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoted = false;
    this.recordHasContent = true;
  }

  /** A line with nothing on it is no record (a blank line between rows, the break at the end). */
  private endRecord(): CsvRecord | null {
    const hasContent = this.recordHasContent || this.field.length > 0 || this.quoted;
    this.fields.push(this.field);
    const record = { line: this.recordLine, fields: this.fields, malformed: this.malformed };
    this.field = '';
    this.fields = [];
    this.quoted = false;
    this.malformed = false;
    this.recordHasContent = false;
    return hasContent ? record : null;
  }
}

/** Thrown when the bytes are not UTF-8 (a manifest saved in GBK, say): nothing of it can be trusted. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`not UTF-8 text near line ${line}`);
  }
}

/** Reads CSV records from UTF-8 bytes (a file stream), or from text already decoded. */
export async function* csvRecords(source: AsyncIterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  const decode = (bytes?: Buffer) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error(line);
    }
  };
  for await (const chunk of source) {
    for (const record of parser.push(typeof chunk === 'string' ? chunk : decode(chunk))) {
      line = record.line;
      yield record;
    }
  }
  yield* parser.push(decode());
  yield* parser.end();
}

/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return `${fields
    .map((value) => {
      const text = value === null ? '' : String(value);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',')}\r\n`;
}
