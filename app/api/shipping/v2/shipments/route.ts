import { handlePurchaseShipment } from '@/lib/shipments/api';

export const POST = (request: Request) => handlePurchaseShipment(request);
