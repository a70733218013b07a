import { handleGetTracking } from '@/lib/shipments/api';

export const GET = (request: Request) => handleGetTracking(request);
