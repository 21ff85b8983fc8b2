import type { AppContext } from '../../../context.ts';
import { decodeSesSeal } from '../../../crypto/index.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { sealBytes } from '../present-seals.ts';
import { findSeal } from '../seals.repo.ts';

/**
 * A seal's picture, as its SES_Seal carries it. What a seal looks like is public (it is printed on
 * every notice), so any signed-in person may see it; the caller has authenticated the actor.
 */
export async function readSealImage(ctx: AppContext, _actor: Actor, sealId: string): Promise<{ bytes: Uint8Array; mediaType: 'image/png' }> {
  const seal = await findSeal(ctx.db.kysely, sealId);
  if (!seal) throw new AppError('SEAL_NOT_FOUND');
  const picture = decodeSesSeal(sealBytes(seal)).sealInfo.picture;
  // Only PNG pictures are made here; anything else is not served as an image.
  if (picture.type.toUpperCase() !== 'PNG') throw new AppError('SEAL_NOT_FOUND');
  return { bytes: picture.data, mediaType: 'image/png' };
}
