// `node --import tsx server/modules/population/id-protection.bench.ts`: what protecting personal
// data costs per value (not a test). ID_BENCH_SECONDS sets the time per measurement (default 2).
import { randomBytes } from 'node:crypto';
import { protectCaseRow, openCaseRow } from './case-protection.ts';
import { demoCitizenId } from './demo-people.ts';
import { KeyRing } from './id-protection.ts';

const seconds = Number(process.env.ID_BENCH_SECONDS ?? 2);
const ring = new KeyRing([{ id: 'k1', secret: randomBytes(32) }]);
const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const ids = Array.from({ length: 400 }, (_, i) => demoCitizenId('420704', '1988-03-09', i + 1, i % 2 ? 'male' : 'female'));
const fields = JSON.stringify({
  fatherName: '张大山',
  fatherIdNumber: ids[1],
  motherName: '李秀英',
  motherIdNumber: ids[2],
  householderIdNumber: ids[3],
  address: '湖北省鄂州市鄂城区古楼街道滨湖南路88号',
});

function measure(name: string, op: (i: number) => void): void {
  for (let i = 0; i < 2000; i++) op(i);
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < end) for (let k = 0; k < 100; k++) op(n++);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${name.padEnd(58)} ${Math.round(n / elapsed)
      .toLocaleString('en')
      .padStart(9)} /s  ${((1e6 * elapsed) / n).toFixed(1).padStart(6)} us`,
  );
}

console.log(`Node ${process.version}, OpenSSL ${process.versions.openssl}, ${seconds} s each`);
measure('ID number: protect + open + blind index', (i) => {
  const id = at(ids, i);
  const stored = ring.protect(id, 'cases.applicant_id_number/x');
  if (ring.open(stored, 'cases.applicant_id_number/x') !== id) throw new Error('round trip');
  ring.blindIndex(id);
});
measure('ID number: protect only', (i) => ring.protect(at(ids, i), 'c'));
const stored = ids.map((id) => ring.protect(id, 'c'));
measure('ID number: open only (MAC check + decrypt)', (i) => ring.open(at(stored, i), 'c'));
measure('ID number: blind index only', (i) => ring.blindIndex(at(ids, i)));
console.log(`fields JSON of ${Buffer.byteLength(fields)} bytes:`);
measure('case row: protect (number + fields + index) + open both', (i) => {
  const row = protectCaseRow(ring, { id: `case-${i}`, applicant_id_number: at(ids, i), fields });
  openCaseRow(ring, row);
});
