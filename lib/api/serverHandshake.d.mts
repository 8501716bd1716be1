export const DIRECT_ROUTES: unique symbol;
export const VIA_NEXT_HEADER: "x-ballast-via-next";
export const WARM_UP_HEADER: "x-ballast-warm-up";
export const WARM_UP_NONCE: unique symbol;
