import { fakeHex, fakeMailjetPair } from '../../helpers/fakeSecrets';
import { rowsOf } from './slotRows';

const hcl = (text: string) => rowsOf(text, 'hcl', 'main.tf');

describe('HCL slots', () => {
  it('puts block types and labels in the path: provider, resource, and a variable’s default under the variable’s name', () => {
    const { apiKey, secretKey } = fakeMailjetPair('terraform');
    const password = fakeHex('tf-db', 20);
    const text = `provider "mailjet" {\n  api_key    = "${apiKey}"\n  api_secret = "${secretKey}"\n}\n\nresource "aws_db_instance" "main" {\n  engine   = "postgres"\n  password = "${password}"\n}\n\nvariable "mailjet_api_key" {\n  type    = string\n  default = "${apiKey}"\n}\n`;
    expect(hcl(text)).toEqual([
      [['provider', 'mailjet', 'api_key'], apiKey, 2, 17],
      [['provider', 'mailjet', 'api_secret'], secretKey, 3, 17],
      [['resource', 'aws_db_instance', 'main', 'engine'], 'postgres', 7, 15],
      [['resource', 'aws_db_instance', 'main', 'password'], password, 8, 15],
      [['variable', 'mailjet_api_key'], apiKey, 13, 14],
    ]);
  });

  it('reads nested blocks, objects, tuples, numbers and booleans; skips comments', () => {
    const text =
      '# top\nterraform {\n  backend "s3" {\n    bucket = "b" // trailing\n    encrypt = true\n  }\n}\n/* block\ncomment */\nlocals {\n  settings = {\n    user = "app"\n    "quoted key": "v",\n    inner = { port = 5432 }\n  }\n  hosts = ["a", "b"]\n}\n';
    expect(hcl(text)).toEqual([
      [['terraform', 'backend', 's3', 'bucket'], 'b', 4, 15],
      [['terraform', 'backend', 's3', 'encrypt'], 'true', 5, 15],
      [['locals', 'settings', 'user'], 'app', 12, 13],
      [['locals', 'settings', 'quoted key'], 'v', 13, 20],
      [['locals', 'settings', 'inner', 'port'], '5432', 14, 22],
      [['locals', 'hosts', '0'], 'a', 16, 13],
      [['locals', 'hosts', '1'], 'b', 16, 18],
    ]);
  });

  it('keeps interpolations as text and reports strings inside other expressions', () => {
    const text =
      'a = "${var.prefix}-${lookup(var.m, "k", "}")}-x"\nb = var.reference\nc = coalesce(var.x, "fallback")\nd = "%{ if true }yes%{ endif }"\ne = "esc \\"q\\" \\n \\u00e9"\n';
    expect(hcl(text)).toEqual([
      [['a'], '${var.prefix}-${lookup(var.m, "k", "}")}-x', 1, 6],
      [['c'], 'fallback', 3, 22],
      [['d'], '%{ if true }yes%{ endif }', 4, 6],
      [['e'], 'esc "q" \n é', 5, 6],
    ]);
  });

  it('reads heredocs, stripping the common indentation of <<-', () => {
    const text =
      'resource "x" "y" {\n  policy = <<EOF\n{\n  "a": 1\n}\nEOF\n  script = <<-SCRIPT\n    echo one\n      echo two\n    SCRIPT\n  after = 1\n}\n';
    expect(hcl(text)).toEqual([
      [['resource', 'x', 'y', 'policy'], '{\n  "a": 1\n}\n', 3, 1],
      [['resource', 'x', 'y', 'script'], 'echo one\n  echo two\n', 8, 5],
      [['resource', 'x', 'y', 'after'], '1', 11, 11],
    ]);
  });

  it('reads .tfvars attributes and survives broken input', () => {
    expect(rowsOf('db_password = "p1"\nregion = "eu"\n', 'hcl', 'prod.tfvars')).toEqual([
      [['db_password'], 'p1', 1, 16],
      [['region'], 'eu', 2, 11],
    ]);
    expect(hcl('}}\n!! junk\nblock "a" {\n  x = "open\n  y = "ok"\n')).toEqual([
      [['block', 'a', 'x'], 'open', 4, 8],
      [['block', 'a', 'y'], 'ok', 5, 8],
    ]);
    expect(hcl('a = <<EOF\nnever closed')).toEqual([[['a'], 'never closed\n', 2, 1]]);
  });
});
