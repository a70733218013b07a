type Address = { name: string | null; line1: string | null; line2?: string | null; city: string | null; state: string | null; zip: string | null };

export function PostalAddress({ a }: { a: Address }) {
  return (
    <address className="text-sm not-italic">
      {a.name}
      <br />
      {a.line1}
      {a.line2 && (
        <>
          <br />
          {a.line2}
        </>
      )}
      <br />
      {a.city}, {a.state} {a.zip}
    </address>
  );
}
