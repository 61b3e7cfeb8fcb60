/**
 * What Logto held before this run created anything. Logto has no idempotency keys, so a create
 * first looks for the object an interrupted earlier run may have made; that object is in Logto
 * before this run starts. The provider process lives for one `pulumi` run, so one list per run
 * (per `key` where the list takes one, e.g. an application type) serves every create, where a
 * list per create would cost one request each and grow with every object made. Objects this
 * run deletes are forgotten: a replacement created after its predecessor's delete is not
 * mistaken for it. A failed list is not kept.
 */
export class ListedBeforeThisRun<Item extends { id: string }> {
  private readonly lists = new Map<string, Promise<Item[]>>();

  constructor(private readonly list: (key: string) => Promise<Item[]>) {}

  async find(matches: (item: Item) => boolean, key = ""): Promise<Item | undefined> {
    return (await this.listed(key)).find(matches);
  }

  forget(id: string): void {
    for (const [key, items] of this.lists) this.keep(key, items.then((listed) => listed.filter((item) => item.id !== id)));
  }

  private listed(key: string): Promise<Item[]> {
    return this.lists.get(key) ?? this.keep(key, this.list(key));
  }

  private keep(key: string, items: Promise<Item[]>): Promise<Item[]> {
    this.lists.set(key, items);
    items.catch(() => {
      if (this.lists.get(key) === items) this.lists.delete(key);
    });
    return items;
  }
}
