import { type ComponentType, type LazyExoticComponent, Suspense } from 'react';
import { PageLoading } from '../components/Results';

/** A page loaded on first visit (React.lazy), with a spinner meanwhile. */
export function Lazy({ component: Page }: { component: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
