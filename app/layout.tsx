import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppProviders } from '@/components/providers/app-providers';
import { SiteHeader } from '@/components/layout/site-header';
import { currentPrincipal } from '@/lib/server/auth/current-principal';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chronicle', template: '%s · Chronicle' },
  description: 'An event-sourced bank with a time-travel debugger',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7f5' },
    { media: '(prefers-color-scheme: dark)', color: '#111315' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await currentPrincipal();
  return (
    <html lang="en">
      <body>
        <AppProviders viewer={viewer}>
          <SiteHeader />
          <main className="shell">{children}</main>
        </AppProviders>
      </body>
    </html>
  );
}
