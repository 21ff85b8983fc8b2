import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dummyHashForTests, hashPassword, verifyAgainstDummy } from './password.ts';

const parameters = (encoded: string) => encoded.split('$').slice(1, 4).join('$');

describe('password hashing', () => {
  it('checks unknown names against a dummy hash with the parameters of real hashes', async () => {
    const real = await hashPassword('Hukou@2026');
    assert.equal(parameters(dummyHashForTests), parameters(real));
    assert.equal(parameters(real), 'argon2id$v=19$m=19456,t=2,p=1');
    assert.equal(await verifyAgainstDummy('Hukou@2026'), false);
  });
});
