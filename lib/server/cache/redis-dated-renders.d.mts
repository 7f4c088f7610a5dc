export declare function withRenderDates<H extends { name: string }>(handler: H, redis: { client: unknown; keyPrefix: string }): H;
