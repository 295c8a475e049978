import { eraseCustomerRoute } from '@/lib/server/routes/customers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = eraseCustomerRoute.handler;
