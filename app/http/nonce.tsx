// The Content-Security-Policy nonce of the page being rendered (entry.server.tsx makes one per
// response and puts it in the header). In the browser it is empty: the nonce only matters in the
// server's HTML, and browsers hide it from scripts anyway.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
