import { fakeHex } from '../../helpers/fakeSecrets';
import { rowsOf } from './slotRows';

const toml = (text: string) => rowsOf(text, 'toml', 'config.toml');

describe('TOML slots', () => {
  it('puts keys under their [table] and [a.b] headers, dotted and quoted keys split', () => {
    const token = fakeHex('toml-token', 40);
    const text = `title = "x"\n\n[mailjet]\napi_key = "k1"\n\n[servers.alpha]\nip = "10.0.0.1" # comment\n"quoted.key" = 1\nsite."google.com" = true\n\n[a . "b c"]\nd = 'e'\n[secrets]\ntoken = "${token}"\n`;
    expect(toml(text)).toEqual([
      [['title'], 'x', 1, 10],
      [['mailjet', 'api_key'], 'k1', 4, 12],
      [['servers', 'alpha', 'ip'], '10.0.0.1', 7, 7],
      [['servers', 'alpha', 'quoted.key'], '1', 8, 16],
      [['servers', 'alpha', 'site', 'google.com'], 'true', 9, 21],
      [['a', 'b c', 'd'], 'e', 12, 6],
      [['secrets', 'token'], token, 14, 10],
    ]);
  });

  it('numbers the elements of [[arrays of tables]] and their sub-tables', () => {
    const text =
      '[[products]]\nname = "a"\n[[products]]\nname = "b"\n[products.dimensions]\nw = 1\n[[products.variants]]\nc = "red"\n[[products.variants]]\nc = "blue"\n';
    expect(toml(text)).toEqual([
      [['products', '0', 'name'], 'a', 2, 9],
      [['products', '1', 'name'], 'b', 4, 9],
      [['products', '1', 'dimensions', 'w'], '1', 6, 5],
      [['products', '1', 'variants', '0', 'c'], 'red', 8, 6],
      [['products', '1', 'variants', '1', 'c'], 'blue', 10, 6],
    ]);
  });

  it('decodes basic strings and keeps literal ones as written', () => {
    const text = 'basic = "tab\\t quote\\" \\u00e9 \\U0001F600 back\\\\"\nliteral = \'C:\\path\\n\'\n';
    expect(toml(text)).toEqual([
      [['basic'], 'tab\t quote" é 😀 back\\', 1, 10],
      [['literal'], 'C:\\path\\n', 2, 12],
    ]);
  });

  it('reads multi-line strings: first newline dropped, line-ending backslash trimmed', () => {
    const text = 'a = """\nRoses\nViolets"""\nb = """\\\n    The quick \\\n    fox."""\nc = \'\'\'\nraw \\n\n\'\'\'\nd = 1\n';
    expect(toml(text)).toEqual([
      [['a'], 'Roses\nViolets', 2, 1],
      [['b'], 'The quick fox.', 4, 8],
      [['c'], 'raw \\n\n', 8, 1],
      [['d'], '1', 10, 5],
    ]);
  });

  it('reads arrays over several lines and inline tables', () => {
    const text = 'hosts = [\n  "alpha", # first\n  "omega",\n]\ndb = { user = "app", pass.word = "pw", ports = [1, 2] }\nafter = 3\n';
    expect(toml(text)).toEqual([
      [['hosts', '0'], 'alpha', 2, 4],
      [['hosts', '1'], 'omega', 3, 4],
      [['db', 'user'], 'app', 5, 16],
      [['db', 'pass', 'word'], 'pw', 5, 35],
      [['db', 'ports', '0'], '1', 5, 49],
      [['db', 'ports', '1'], '2', 5, 52],
      [['after'], '3', 6, 9],
    ]);
  });

  it('skips lines that do not parse and reads on; a cut file keeps what came before', () => {
    expect(toml('= no key\nok = "1"\nbroken = "open\nnext = {{ .Values.x }}\n[unclosed\nz = 2\n')).toEqual([
      [['ok'], '1', 2, 7],
      [['broken'], 'open', 3, 11],
      [['next'], '{{ .Values.x }}', 4, 8],
      [['unclosed', 'z'], '2', 6, 5],
    ]);
    expect(toml('a = 1\nb = """never closed\nc = 3\n')).toEqual([
      [['a'], '1', 1, 5],
      [['b'], 'never closed', 2, 8],
      [['c'], '3', 3, 5],
    ]);
  });
});
