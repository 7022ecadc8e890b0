// Run by `npm run build`: writes the template a new embedded database starts from (boot.ts),
// so a first start unpacks this code's schema instead of running initdb and every migration.
import { writePgliteTemplate } from "@factdesk/db";

await writePgliteTemplate(process.argv[2] ?? "dist/pglite-template.tar.gz");
