import type * as pulumi from "@pulumi/pulumi";

/** A resource's args as Pulumi inputs: every property may be a value, a promise or an Output. */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** A resource's state as Pulumi outputs. */
export type Outputs<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };
