import { type ComponentType, lazy, Suspense } from 'react';
import { PageLoading } from '../components/Results';

/** A page loaded on first visit, with a spinner meanwhile. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    );
  };
}
