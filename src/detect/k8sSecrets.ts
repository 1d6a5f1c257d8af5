/** A base64 value under `data:` of a Kubernetes Secret, with where it sits and what it decodes to. */
export interface EncodedValue {
  key: string;
  /** Offset of the base64 value in the chunk text. */
  offset: number;
  raw: string;
  decoded: string;
}

const SECRET_KIND = /^\s*kind:\s*["']?Secret["']?\s*$/m;
const DATA_ENTRY = /^([ \t]+)([\w.-]{1,253}):[ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})["']?[ \t]*\r?$/gm;

/**
 * Kubernetes Secret manifests hold their values base64-encoded under `data:`, which no token
 * format matches. For a chunk of a Secret manifest (it says `kind: Secret`, or it is a YAML file
 * named like a secret), this finds each such value and decodes it so the rules can read it.
 */
export function encodedSecretValues(path: string, text: string): EncodedValue[] {
  const yaml = /\.ya?ml$/i.test(path);
  if (!yaml || !(SECRET_KIND.test(text) || /secret/i.test(path))) return [];
  const values: EncodedValue[] = [];
  let inData = false;
  let dataIndent = -1;
  let offset = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (/^data:\s*$/.test(trimmed)) {
      inData = true;
      dataIndent = indent;
    } else if (trimmed && indent <= dataIndent) {
      inData = false;
    }
    if (inData || (dataIndent === -1 && indent > 0)) {
      DATA_ENTRY.lastIndex = 0;
      const match = DATA_ENTRY.exec(line);
      // The pattern's three groups are not optional: a match has them all.
      const [, lead = '', key = '', raw = ''] = match ?? [];
      if (match && raw.length % 4 === 0) {
        const decoded = Buffer.from(raw, 'base64').toString('utf8');
        // Only printable text is worth the rules' time: binary data (certificates in DER…) is not.
        if (/^[\x20-\x7e\t\r\n]+$/.test(decoded))
          values.push({ key, offset: offset + line.indexOf(raw, lead.length + key.length), raw, decoded });
      }
    }
    offset += line.length + 1;
  }
  return values;
}
