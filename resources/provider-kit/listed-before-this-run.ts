/**
 * What Logto held before this run created anything. Logto has no idempotency keys, so a create
 * first looks for the object an interrupted earlier run may have made; that object is in Logto
 * before this run starts. The provider process lives for one `pulumi` run, so one list per run
 * (per `key` where the list takes one, e.g. an application type) serves every create, where a
 * list per create would cost one request each and grow with every object made. Objects this
 * run deletes are forgotten: a replacement created after its predecessor's delete is not
 * mistaken for it. A failed list is not kept. A list may answer `undefined` for "too many to
 * list" (the caller then looks objects up one by one).
 */
export class ListedBeforeThisRun<Item extends { id: string }> {
  private readonly lists = new Map<string, Promise<Item[] | undefined>>();

  constructor(private readonly list: (key: string) => Promise<Item[] | undefined>) {}

  async find(matches: (item: Item) => boolean, key = ""): Promise<Item | undefined> {
    return (await this.all(key))?.find(matches);
  }

  forget(id: string): void {
    for (const [key, items] of this.lists) this.keep(key, items.then((listed) => listed?.filter((item) => item.id !== id)));
  }

  /** The list, taken at the first call of the run; `undefined` when it was too long to take. */
  all(key = ""): Promise<Item[] | undefined> {
    return this.lists.get(key) ?? this.keep(key, this.list(key));
  }

  private keep(key: string, items: Promise<Item[] | undefined>): Promise<Item[] | undefined> {
    this.lists.set(key, items);
    items.catch(() => {
      if (this.lists.get(key) === items) this.lists.delete(key);
    });
    return items;
  }
}
