import { z } from "zod";
import { ZMediaKind } from "../enums";
import { ZId, ZWebAddress } from "./common";

export const ZMediaGetInput = z.object({ claimId: ZId });
export const ZMediaAttachAddressInput = z.object({
  claimId: ZId,
  kind: z.enum(ZMediaKind.options, { error: "Say whether it is an image or a video." }),
  address: ZWebAddress,
});
export const ZMediaDetachInput = z.object({ claimId: ZId });
export type TMediaAttachAddressInput = z.infer<typeof ZMediaAttachAddressInput>;
