import type { GallerySection } from './gallery';
import { popoverSection } from './popover-section';
import { serverSection } from './server-section';

/** Everything `npm run screenshots` renders: the popover's states and the server's pages. */
export const sections: readonly GallerySection[] = [popoverSection, serverSection];
