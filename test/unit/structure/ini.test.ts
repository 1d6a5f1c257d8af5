import { fakeHex } from '../../helpers/fakeSecrets';
import { rowsOf } from './slotRows';

describe('INI slots', () => {
  const ini = (text: string) => rowsOf(text, 'ini', 'settings.ini');

  it('puts keys under their [section], with = or : and quotes removed', () => {
    const secret = fakeHex('aws-ini', 40);
    const text = `; top comment\nroot = 1\n[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key=${secret}\n# comment\n[mysql client]\nuser: app\npassword = "quoted value" ; trailing comment\nhost = db # note\nurl = http://x/#anchor\n`;
    expect(ini(text)).toEqual([
      [['root'], '1', 2, 8],
      [['default', 'aws_access_key_id'], 'AKIDEXAMPLE', 4, 21],
      [['default', 'aws_secret_access_key'], secret, 5, 23],
      [['mysql client', 'user'], 'app', 8, 7],
      [['mysql client', 'password'], 'quoted value', 9, 13],
      [['mysql client', 'host'], 'db', 10, 8],
      [['mysql client', 'url'], 'http://x/#anchor', 11, 7],
    ]);
  });

  it('splits git-config subsections and joins indented continuation lines', () => {
    const text = '[remote "origin"]\n\turl = https://example.com/r.git\n[section]\nlong = first\n  second\n\n  third\nnext=x\n';
    expect(ini(text)).toEqual([
      [['remote', 'origin', 'url'], 'https://example.com/r.git', 2, 8],
      [['section', 'long'], 'first\nsecond\nthird', 4, 8],
      [['section', 'next'], 'x', 8, 6],
    ]);
  });

  it('reads .npmrc lines whose keys hold colons', () => {
    expect(rowsOf('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nalways-auth=true\n', 'ini', '.npmrc')).toEqual([
      [['//registry.npmjs.org/:_authToken'], '${NPM_TOKEN}', 1, 34],
      [['always-auth'], 'true', 2, 13],
    ]);
  });

  it('tolerates broken lines and an unclosed section header', () => {
    expect(ini('[open\nkey = v\nno separator here\n= no key\n')).toEqual([[['open', 'key'], 'v', 2, 7]]);
  });
});

describe('.properties slots', () => {
  const properties = (text: string) => rowsOf(text, 'properties', 'application.properties');

  it('reads key=value, key: value and key value; # and ! comments; dotted keys stay whole', () => {
    const text =
      '# comment\n! also a comment\nspring.datasource.password=pw1\nmail.user : someone\nmail.host   smtp.example.com\n  indented.key = v\nempty=\n';
    expect(properties(text)).toEqual([
      [['spring.datasource.password'], 'pw1', 3, 28],
      [['mail.user'], 'someone', 4, 13],
      [['mail.host'], 'smtp.example.com', 5, 13],
      [['indented.key'], 'v', 6, 18],
      [['empty'], '', 7, 7],
    ]);
  });

  it('joins continuation lines and decodes escapes', () => {
    const text =
      'list = one, \\\n       two, \\\n       three\nunicode=caf\\u00e9\nescaped\\ key=a\\:b\\=c\\\\\ntabs=a\\tb\ncrlf=x \\\r\n  y\r\nafter=z\n';
    expect(properties(text)).toEqual([
      [['list'], 'one, two, three', 1, 8],
      [['unicode'], 'café', 4, 9],
      [['escaped key'], 'a:b=c\\', 5, 14],
      [['tabs'], 'a\tb', 6, 6],
      [['crlf'], 'x y', 7, 6],
      [['after'], 'z', 9, 7],
    ]);
  });

  it('measures a continued value over all its lines', () => {
    const [slot] = rowsOf('k = ab\\\n  cd\n', 'properties');
    expect(slot).toEqual([['k'], 'abcd', 1, 5]);
  });
});
