import DataLoader from 'dataloader';

/**
 * The DataLoaders of one request, created on first use and keyed by name. A name includes
 * whatever changes the batch query (arguments, filters), so loads that can share one SQL
 * statement share one loader.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
