import Link from 'next/link';

/** What a signed-in person sees on a page they may not open: plain words and a way back. */
export function ForbiddenNotice({ title, message }: { title: string; message: string }) {
  return (
    <section className="card status" data-testid="forbidden-notice" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link href="/">Back to your overview</Link>
      </p>
    </section>
  );
}
