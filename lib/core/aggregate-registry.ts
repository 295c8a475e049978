import type { AnyAggregate } from './aggregate';
import { streamCategory } from './envelope';
import { NotFoundError } from './errors';
import { UpcasterRegistry } from './upcasting';

/**
 * Every aggregate of an application, built once at the composition root. Whatever must know
 * "what kind of stream is this, and what does it mean" asks here.
 */
export class AggregateRegistry {
  readonly all: readonly AnyAggregate[];
  /** Every aggregate's upcasters as one registry: the store reads and writes through it. */
  readonly upcasters: UpcasterRegistry;
  private readonly byCategory = new Map<string, AnyAggregate>();
  private readonly byName = new Map<string, AnyAggregate>();
  private readonly byCollection = new Map<string, AnyAggregate>();

  constructor(aggregates: readonly AnyAggregate[]) {
    this.all = aggregates;
    this.upcasters = new UpcasterRegistry();
    for (const aggregate of this.all) {
      unique(this.byName, aggregate.name, aggregate, 'name');
      unique(this.byCategory, aggregate.category, aggregate, 'category');
      unique(this.byCollection, aggregate.collection, aggregate, 'collection');
      this.upcasters.include(aggregate.upcasters);
    }
    this.upcasters.assertComplete();
  }

  named(name: string): AnyAggregate {
    const aggregate = this.byName.get(name);
    if (!aggregate) throw new Error(`No aggregate named ${name} is registered`);
    return aggregate;
  }

  /** The aggregate a collection (`accounts`) belongs to; unknown collections are not found. */
  ofCollection(collection: string): AnyAggregate {
    const aggregate = this.byCollection.get(collection);
    if (!aggregate) throw new NotFoundError(`No such collection: ${collection}`, 'not_found');
    return aggregate;
  }

  /** The aggregate whose category a stream id has, or null for streams no aggregate owns (migrations, copies). */
  ofStream(streamId: string): AnyAggregate | null {
    return this.byCategory.get(streamCategory(streamId)) ?? null;
  }

  /** Every command any aggregate accepts, as `aggregate.command` with its spec. */
  commands(): Array<{ aggregate: AnyAggregate; name: string; spec: AnyAggregate['commands'][string] }> {
    return this.all.flatMap((aggregate) => Object.entries(aggregate.commands).map(([name, spec]) => ({ aggregate, name, spec })));
  }
}

const unique = (map: Map<string, AnyAggregate>, key: string, aggregate: AnyAggregate, what: string): void => {
  if (map.has(key)) throw new Error(`Two aggregates share the ${what} ${key}`);
  map.set(key, aggregate);
};
