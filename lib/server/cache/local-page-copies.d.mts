export declare function withLocalPageCopies<H extends { name: string }>(handler: H, redis: { client: unknown; keyPrefix: string }): H;
