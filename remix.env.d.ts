/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Required with future.v3_singleFetch so useLoaderData<typeof loader>() infers types from data()/plain objects
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
export {};

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
    clientIp: string;
  }
}
