import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCitizenId, citizenIdCheckChar, maskCitizenId, normalizeCitizenId, realDate } from './citizen-id.ts';

// GB 11643-1999 §5 / ISO 7064 MOD 11-2, written out independently of the module under test:
// weights 2^(17-i) mod 11 for positions i = 0..16, check char = (12 - sum mod 11) mod 11, 10 → 'X'.
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

const TODAY = new Date('2026-11-29T04:00:00Z'); // 12:00 on 2026-11-29 in Beijing

describe('citizenIdCheckChar', () => {
  it('matches the published examples of GB 11643-1999', () => {
    assert.equal(citizenIdCheckChar('11010519491231002'), 'X');
    assert.equal(citizenIdCheckChar('44052418800101001'), '4');
  });

  it('matches the reference algorithm across many bodies', () => {
    let seed = 20261129;
    for (let n = 0; n < 500; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        body += String(seed % 10);
      }
      assert.equal(citizenIdCheckChar(body), referenceCheckChar(body), body);
    }
  });

  it('produces every check character, X included', () => {
    const seen = new Set<string>();
    for (let serial = 0; serial < 200; serial++) seen.add(citizenIdCheckChar(`42070420000101${String(serial).padStart(3, '0')}`));
    assert.deepEqual([...seen].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses anything but 17 digits', () => {
    const refusal = { name: 'RangeError', message: 'citizenIdCheckChar needs exactly 17 digits' };
    assert.throws(() => citizenIdCheckChar('4207042000010100'), refusal);
    assert.throws(() => citizenIdCheckChar('4207042000010100X'), refusal);
    // 17 digits with anything before or after are not 17 digits.
    assert.throws(() => citizenIdCheckChar('420704200001010012'), refusal);
    assert.throws(() => citizenIdCheckChar('A42070420000101001'), refusal);
  });
});

describe('checkCitizenId', () => {
  const ezhou = (body: string) => body + referenceCheckChar(body);

  it('accepts a valid Ezhou number and reads it', () => {
    const id = ezhou('42070419900307124'); // order code 124: even, so female
    assert.deepEqual(checkCitizenId(id, TODAY), { ok: true, divisionCode: '420704', divisionKnown: true, birthDate: '1990-03-07', sex: 'female' });
    assert.equal((checkCitizenId(ezhou('42070319851231001'), TODAY) as { sex: string }).sex, 'male');
  });

  it('accepts the published Beijing example, including its X', () => {
    assert.deepEqual(checkCitizenId('11010519491231002X', TODAY), {
      ok: true,
      divisionCode: '110105',
      divisionKnown: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('refuses the published Shantou example: checksum right, born before 1900-01-01', () => {
    assert.deepEqual(checkCitizenId('440524188001010014', TODAY), { ok: false, problem: 'birthDate' });
  });

  it('accepts a lowercase x and surrounding spaces', () => {
    const check = checkCitizenId('  11010519491231002x ', TODAY);
    assert.equal(check.ok, true);
  });

  it('keeps retired county codes valid but says they are not current', () => {
    const id = ezhou('44052419800101001'); // 潮阳县, retired
    assert.deepEqual(checkCitizenId(id, TODAY), { ok: true, divisionCode: '440524', divisionKnown: false, birthDate: '1980-01-01', sex: 'male' });
  });

  it('reports format problems', () => {
    for (const bad of [
      '',
      '420704199003071',
      '4207041990030712',
      '42070419900307123X4',
      '42070419900307123A',
      'X20704199003071234',
      '4207041990-307123X',
    ]) {
      assert.deepEqual(checkCitizenId(bad, TODAY), { ok: false, problem: 'format' }, bad);
    }
  });

  it('refuses a valid number with a digit in front', () => {
    assert.deepEqual(checkCitizenId('111010519491231002X', TODAY), { ok: false, problem: 'format' });
    assert.deepEqual(checkCitizenId(`9${ezhou('42070419900307124')}`, TODAY), { ok: false, problem: 'format' });
  });

  it('reports a wrong check character', () => {
    const id = ezhou('42070419900307123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    assert.deepEqual(checkCitizenId(wrong, TODAY), { ok: false, problem: 'checksum' });
    assert.deepEqual(checkCitizenId('110105194912310021', TODAY), { ok: false, problem: 'checksum' });
  });

  it('reports impossible and future birth dates', () => {
    for (const body of [
      '42070419900230123',
      '42070419901301123',
      '42070419900100123',
      '42070419000229123',
      '42070420261130123',
      '42070418991231123',
    ]) {
      assert.deepEqual(checkCitizenId(ezhou(body), TODAY), { ok: false, problem: 'birthDate' }, body);
    }
    assert.equal(checkCitizenId(ezhou('42070420000229123'), TODAY).ok, true); // 2000 is a leap year
    assert.equal(checkCitizenId(ezhou('42070420261129123'), TODAY).ok, true); // born today
    assert.equal(checkCitizenId(ezhou('42070419000101123'), TODAY).ok, true);
  });

  it('counts "today" in Beijing: a child born on the 30th passes at 07:00 Beijing time, 23:00 UTC the day before', () => {
    const earlyMorning = new Date('2026-11-29T23:00:00Z');
    assert.equal(checkCitizenId(ezhou('42070420261130123'), earlyMorning).ok, true);
    assert.deepEqual(checkCitizenId(ezhou('42070420261201123'), earlyMorning), { ok: false, problem: 'birthDate' });
  });

  it('reports an unknown province', () => {
    for (const body of ['99070419900307123', '10070419900307123', '83000019900307123']) {
      assert.deepEqual(checkCitizenId(ezhou(body), TODAY), { ok: false, problem: 'division' }, body);
    }
  });

  it('defaults today to the current date', () => {
    const id = ezhou('42070420991231123');
    assert.deepEqual(checkCitizenId(id), { ok: false, problem: 'birthDate' });
  });
});

describe('realDate', () => {
  it('reads a real calendar day', () => {
    assert.equal(realDate('19900307'), '1990-03-07');
    assert.equal(realDate('20000229'), '2000-02-29');
    assert.equal(realDate('19491231'), '1949-12-31');
  });

  it('refuses days that do not exist', () => {
    for (const bad of ['19900229', '19900230', '19900431', '19900132', '19900100', '19901301', '19900001']) {
      assert.equal(realDate(bad), undefined, bad);
    }
  });

  it('does not read a year below 100 as 19xx', () => {
    // Date.UTC maps years 0-99 to 1900-1999; 0050-01-01 is not 1950-01-01.
    assert.equal(realDate('00500101'), undefined);
    assert.equal(realDate('00991231'), undefined);
  });
});

describe('normalizeCitizenId and maskCitizenId', () => {
  it('trims and upper-cases the x', () => {
    assert.equal(normalizeCitizenId(' 11010519491231002x\n'), '11010519491231002X');
  });

  it('keeps the first 6 and last 4 of an 18-character number', () => {
    assert.equal(maskCitizenId('42070419900307123X'), '420704********123X');
    assert.equal(maskCitizenId('42070419900307123x'), '420704********123X');
  });

  it('masks all but the last 2 of anything else', () => {
    assert.equal(maskCitizenId('420704900307123'), '*************23');
    assert.equal(maskCitizenId('abc'), '*bc');
    assert.equal(maskCitizenId(''), '');
  });
});
