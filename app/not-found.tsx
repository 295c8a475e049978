import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="status">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link className="button" href="/">
        Back to Chronicle
      </Link>
    </div>
  );
}
