import { handleGetRates } from '@/lib/shipments/api';

export const POST = (request: Request) => handleGetRates(request);
