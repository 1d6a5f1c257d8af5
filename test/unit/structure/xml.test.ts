import { fakeHex } from '../../helpers/fakeSecrets';
import { rowsOf } from './slotRows';

const xml = (text: string, path = 'web.config') => rowsOf(text, 'xml', path);

describe('XML slots', () => {
  it('names .NET appSettings and connectionStrings entries by their key or name attribute', () => {
    const secret = fakeHex('web-config', 32);
    const text = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">',
      '  <appSettings>',
      `    <add key="MailjetApiSecret" value="${secret}" />`,
      '  </appSettings>',
      '  <connectionStrings>',
      '    <add name="Db" connectionString="Server=db;Password=p&amp;w" providerName="System.Data.SqlClient"/>',
      '  </connectionStrings>',
      '</configuration>',
    ].join('\n');
    expect(xml(text)).toEqual([
      [['configuration', 'appSettings', 'MailjetApiSecret'], secret, 4, 40],
      [['configuration', 'connectionStrings', 'Db'], 'Server=db;Password=p&w', 7, 38],
      [['configuration', 'connectionStrings', 'Db', '@providerName'], 'System.Data.SqlClient', 7, 80],
    ]);
  });

  it('gives element text the path of element names, and attributes an @ name', () => {
    const text =
      '<settings>\n  <servers>\n    <server id="central">\n      <username>deploy</username>\n      <password>\n        pw-text\n      </password>\n    </server>\n  </servers>\n</settings>\n';
    expect(xml(text, 'settings.xml')).toEqual([
      [['settings', 'servers', 'server', '@id'], 'central', 3, 17],
      [['settings', 'servers', 'server', 'username'], 'deploy', 4, 17],
      [['settings', 'servers', 'server', 'password'], 'pw-text', 6, 9],
    ]);
  });

  it('names <property name="…"> elements, with the value as text or as an attribute', () => {
    const text =
      '<project>\n<property name="db.password">secret-text</property>\n<property name="db.user" value="app"/>\n<entry key="token">t</entry>\n<bean name="pool"><property name="maxSize" value="8"/></bean>\n</project>';
    expect(xml(text, 'pom.xml')).toEqual([
      [['project', 'db.password'], 'secret-text', 2, 30],
      [['project', 'db.user'], 'app', 3, 33],
      [['project', 'token'], 't', 4, 20],
      [['project', 'bean', '@name'], 'pool', 5, 13],
      [['project', 'bean', 'maxSize'], '8', 5, 51],
    ]);
  });

  it('reads CDATA as written and decodes entities and character references', () => {
    const text = "<a><b><![CDATA[ x<y&amp; ]]></b><c>&lt;&gt;&quot;&apos;&#65;&#x42;&unknown;&#xZZ;</c><d attr='&#x263A;'/></a>";
    expect(xml(text, 'x.xml')).toEqual([
      [['a', 'b'], 'x<y&amp;', 1, 17],
      [['a', 'c'], '<>"\'AB&unknown;&#xZZ;', 1, 36],
      [['a', 'd', '@attr'], '☺', 1, 95],
    ]);
  });

  it('skips comments, processing instructions and a DOCTYPE with an internal subset', () => {
    const text = '<!DOCTYPE x [ <!ENTITY e "v"> ]>\n<!-- <password>no</password> -->\n<x><?pi data?><y>1</y></x>';
    expect(xml(text, 'x.xml')).toEqual([[['x', 'y'], '1', 3, 18]]);
  });

  it('tolerates unbalanced tags, stray < and a file cut in the middle', () => {
    expect(xml('<a><b>1</c></b><d>2 < 3</d></x><e>4</e></a>', 'x.xml')).toEqual([
      [['a', 'b'], '1', 1, 7],
      [['a', 'd'], '2 < 3', 1, 19],
      [['a', 'e'], '4', 1, 35],
    ]);
    expect(xml('<a><b>ok</b><c key="v', 'x.xml')).toEqual([
      [['a', 'b'], 'ok', 1, 7],
      [['a', 'c', '@key'], 'v', 1, 21],
    ]);
  });

  it('names the values of a property list by the <key> before them', () => {
    const text =
      '<plist version="1.0">\n<dict>\n  <key>ApiToken</key>\n  <string>tok</string>\n  <key>Auth</key>\n  <dict>\n    <key>Password</key>\n    <string>pw</string>\n  </dict>\n  <key>Flag</key><true/>\n  <string>unnamed</string>\n</dict>\n</plist>';
    expect(xml(text, 'Info.plist')).toEqual([
      [['plist', '@version'], '1.0', 1, 17],
      [['plist', 'dict', 'ApiToken'], 'tok', 4, 11],
      [['plist', 'dict', 'Auth', 'Password'], 'pw', 8, 13],
      [['plist', 'dict', 'string'], 'unnamed', 11, 11],
    ]);
  });

  it('keeps placeholders such as ${…} in text', () => {
    expect(xml('<password>${DB_PASSWORD}</password>', 'x.xml')).toEqual([[['password'], '${DB_PASSWORD}', 1, 11]]);
  });
});
