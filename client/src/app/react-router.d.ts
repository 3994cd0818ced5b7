// The dashboard mounts <BrowserRouter> (App.tsx), whose navigate() returns nothing. React Router types it
// `void | Promise<void>` to cover its data routers too, and documents this augmentation for BrowserRouter
// (see useNavigate in react-router's types), so type-aware lint does not take every navigate() for a promise.
import type { NavigateOptions, To } from 'react-router';

declare module 'react-router' {
  interface NavigateFunction {
    (to: To, options?: NavigateOptions): void;
    (delta: number): void;
  }
}
