import type { AppContext } from '../../context.ts';
import type { ApprovalLevel, CatalogSubtype } from '../catalog/catalog.schema.ts';
import { acceptCase } from '../cases/commands/accept-case.ts';
import { approveCase } from '../cases/commands/approve-case.ts';
import { capturePages } from '../capture/commands/capture-pages.ts';
import { completeCase } from '../cases/commands/complete-case.ts';
import { returnCase } from '../cases/commands/return-case.ts';
import { reviewCase } from '../cases/commands/review-case.ts';
import { submitCase } from '../cases/commands/submit-case.ts';
import { verifyOriginals } from '../cases/commands/verify-originals.ts';
import { demoCitizenId } from '../population/demo-people.ts';
import { demoPage } from './demo-pages.ts';
import { demoFieldValues, demoName } from './demo-values.ts';
import { demoActor, hasAnyCase } from './demo.repo.ts';

const HOUR = 3_600_000;
const DECIDER: Record<ApprovalLevel, string> = { station: 'gulou.leader', branch: 'echeng.reviewer', city: 'city.approver' };

/** How far a demo case has come, and how many hours ago it was accepted. */
type Stage = 'accepted' | 'captured' | 'verified' | 'submitted' | 'reviewed' | 'returned' | 'approved' | 'completed';
interface Plan {
  chain: string;
  stage: Stage;
  hoursAgo: number;
  station?: 'gulou' | 'zelin';
}

/**
 * One case for each thing a person at the station, the branch or the city may find waiting, so a new
 * installation shows its workbenches, inboxes and case pages filled: to capture (one overdue), to
 * verify, to submit, in each inbox (one past its approval limit), returned, approved and completed.
 */
const PLANS: Plan[] = [
  { chain: 'branch,city', stage: 'completed', hoursAgo: 120 },
  { chain: 'branch,city', stage: 'submitted', hoursAgo: 100 },
  { chain: 'station', stage: 'accepted', hoursAgo: 80 },
  { chain: 'branch', stage: 'approved', hoursAgo: 30 },
  { chain: 'branch,city', stage: 'returned', hoursAgo: 26 },
  { chain: 'branch,city', stage: 'reviewed', hoursAgo: 22 },
  { chain: 'station', stage: 'submitted', hoursAgo: 6 },
  { chain: 'branch,city', stage: 'submitted', hoursAgo: 5 },
  { chain: 'branch', stage: 'submitted', hoursAgo: 4, station: 'zelin' },
  { chain: 'branch,city', stage: 'verified', hoursAgo: 3 },
  { chain: 'branch', stage: 'captured', hoursAgo: 2 },
  { chain: 'branch,city', stage: 'accepted', hoursAgo: 1 },
];

const ORDER: Stage[] = ['accepted', 'captured', 'verified', 'submitted', 'reviewed', 'approved', 'completed'];
const reached = (plan: Plan, stage: Stage) =>
  plan.stage === 'returned' ? ORDER.indexOf(stage) <= ORDER.indexOf('submitted') : ORDER.indexOf(plan.stage) >= ORDER.indexOf(stage);

/** Creates the demo cases through the real acts, on a database that has none. Answers how many. */
export async function seedDemoCases(ctx: AppContext): Promise<number> {
  if (await hasAnyCase(ctx.db.kysely)) return 0;
  const now = ctx.now().getTime();
  const subtypes = ctx.catalogs.current(ctx.now()).categories.flatMap((c) => c.subtypes);
  const used = new Set<string>();
  const pick = (chain: string): CatalogSubtype => {
    const candidates = subtypes.filter((s) => s.approvalChain.join(',') === chain);
    const subtype = candidates.find((s) => !used.has(s.code)) ?? candidates[0];
    if (!subtype) throw new Error(`the catalog has no sub-type with chain ${chain}`);
    used.add(subtype.code);
    return subtype;
  };

  for (const [index, plan] of PLANS.entries()) {
    const serial = index + 1;
    let clock = now - plan.hoursAgo * HOUR;
    const at = (minutes: number): AppContext => {
      clock += minutes * 60_000;
      const instant = clock;
      return { ...ctx, now: () => new Date(instant) };
    };
    const key = (step: string) => `demo-${serial}-${step}`;
    const officer = await demoActor(ctx.db.kysely, `${plan.station ?? 'gulou'}.officer`);
    const subtype = pick(plan.chain);
    const name = demoName(serial);
    const applicant = {
      name,
      idNumber: demoCitizenId('420704', '1986-04-12', serial, serial % 2 ? 'male' : 'female'),
      phone: `1397110${String(2000 + serial)}`,
    };
    const kase = await acceptCase(at(0), officer, { subtypeCode: subtype.code, applicant, fields: demoFieldValues(subtype, serial) }, key('accept'));
    if (!reached(plan, 'captured')) continue;
    for (const material of subtype.materials.filter((m) => m.required)) {
      for (let page = 1; page <= material.minPages; page++) {
        const bytes = await demoPage(material.name, name, page);
        await capturePages(at(2), officer, kase.id, { materialCode: material.code, bytes }, key(`capture-${material.code}-${page}`));
      }
    }
    if (!reached(plan, 'verified')) continue;
    await verifyOriginals(at(3), officer, kase.id, {}, key('verify'));
    if (!reached(plan, 'submitted')) continue;
    await submitCase(at(2), officer, kase.id, { comment: '材料齐全，请审核' }, key('submit'));
    if (plan.stage === 'returned') {
      const level = subtype.approvalChain[0]!;
      await returnCase(
        at(90),
        await demoActor(ctx.db.kysely, DECIDER[level]),
        kase.id,
        { reason: '出生医学证明照片反光，请重新拍摄后呈报' },
        key('return'),
      );
      continue;
    }
    const chain = subtype.approvalChain;
    const decided = plan.stage === 'reviewed' ? 1 : reached(plan, 'approved') ? chain.length : 0;
    for (const [step, level] of chain.slice(0, decided).entries()) {
      const decider = await demoActor(ctx.db.kysely, DECIDER[level]);
      const act = step === chain.length - 1 ? approveCase : reviewCase;
      await act(at(120), decider, kase.id, { comment: step === chain.length - 1 ? '同意' : '材料齐全，同意上报' }, key(`decide-${level}`));
    }
    if (plan.stage === 'completed') await completeCase(at(60), officer, kase.id, { comment: '已通知申请人领取' }, key('complete'));
  }
  return PLANS.length;
}
