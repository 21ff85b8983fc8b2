import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { beijingDay } from '../../time/beijing-day.ts';
import { type Catalog, CatalogSchema, type CatalogSubtype } from './catalog.schema.ts';
import { listCatalogVersions } from './catalog.repo.ts';

export interface SubtypeRef {
  catalog: Catalog;
  categoryCode: string;
  categoryName: string;
  subtype: CatalogSubtype;
}

/**
 * Every catalog version ever loaded, read once from the database. A case keeps the version it was
 * accepted under, so older versions stay available after a new one takes effect.
 */
export class CatalogRegistry {
  private readonly byVersion = new Map<string, Catalog>();
  private readonly ordered: Catalog[] = [];

  static async load(db: Kysely<Database>): Promise<CatalogRegistry> {
    const registry = new CatalogRegistry();
    for (const row of await listCatalogVersions(db)) {
      const catalog = CatalogSchema.parse(JSON.parse(row.content));
      registry.byVersion.set(catalog.version, catalog);
      registry.ordered.push(catalog);
    }
    return registry;
  }

  /** The version in force at an instant: the latest whose effective date (a Beijing day) has come. */
  current(at: Date): Catalog {
    const day = beijingDay(at);
    const inForce = this.ordered.filter((c) => c.effectiveFrom <= day);
    const catalog = inForce[inForce.length - 1] ?? this.ordered[0];
    if (!catalog) throw new Error('No catalog has been loaded: run `hukou migrate`');
    return catalog;
  }

  versions(): Catalog[] {
    return [...this.ordered];
  }

  get(version: string): Catalog {
    const catalog = this.byVersion.get(version);
    if (!catalog) throw new AppError('NOT_FOUND', { catalogVersion: version });
    return catalog;
  }

  subtype(version: string, code: string): SubtypeRef {
    const catalog = this.get(version);
    for (const category of catalog.categories) {
      const subtype = category.subtypes.find((s) => s.code === code);
      if (subtype) return { catalog, categoryCode: category.code, categoryName: category.name, subtype };
    }
    throw new AppError('SUBTYPE_UNKNOWN', { subtypeCode: code, catalogVersion: version });
  }
}
