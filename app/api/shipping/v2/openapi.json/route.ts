import { config } from '@/lib/config';
import { openApiDocument } from '@/lib/shipments/openapi';

export const GET = () => Response.json(openApiDocument(config().appUrl));
