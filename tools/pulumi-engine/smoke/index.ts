import * as pulumi from "@pulumi/pulumi";

// A dynamic resource whose provider runs in the engine's pulumi-resource-pulumi-nodejs process.
const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        return { id: `item-${inputs.label}`, outs: { ...inputs, createdBy: "smoke-provider" } };
    },
    async diff(_id, olds, news) {
        return { changes: olds.label !== news.label, replaces: olds.label !== news.label ? ["label"] : [] };
    },
};

interface ItemArgs {
    label: pulumi.Input<string>;
}

class Item extends pulumi.dynamic.Resource {
    declare readonly label: pulumi.Output<string>;
    declare readonly createdBy: pulumi.Output<string>;
    constructor(name: string, args: ItemArgs, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, { ...args, createdBy: undefined }, opts, "smoke", "Item");
    }
}

const config = new pulumi.Config();
const secret: pulumi.Output<string> = config.requireSecret("x");
const item = new Item("item", { label: "one" });

export const itemId = item.id;
export const createdBy = item.createdBy;
export const secretValue = secret;
export const secretLength = secret.apply((s) => s.length);
