// Any URL no route matches: a 404 rendered by the root ErrorBoundary, with the root loader's data
// (language, navigation) available, so the page is translated like every other.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
