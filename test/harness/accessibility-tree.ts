import type { CDPSession, Page } from 'playwright-core';
import type { AccountView } from '../../src/contract/view';
import { launchChromium } from './chromium';
import { startPopoverRig, type PopoverRig } from './popover-rig';

/** A node of Chromium's accessibility tree, as the DevTools protocol gives it. */
interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
  childIds?: string[];
}

/** "role name", the way a screen reader would name an element. */
export type Spoken = `${string} ${string}` | string;

/**
 * Reads the popover the way assistive technology does: from Chromium's accessibility tree (the
 * DevTools protocol's Accessibility domain), never from the DOM or CSS selectors.
 */
export class AccessibilityTree {
  private constructor(private readonly session: CDPSession) {}

  static async of(page: Page): Promise<AccessibilityTree> {
    const session = await page.context().newCDPSession(page);
    await session.send('Accessibility.enable');
    return new AccessibilityTree(session);
  }

  async #nodes(): Promise<AxNode[]> {
    const { nodes } = (await this.session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes;
  }

  /** The focused element as "role name"; "RootWebArea" when focus fell to the document. */
  async focused(): Promise<Spoken> {
    const nodes = await this.#nodes();
    const focused = nodes.filter((node) => !node.ignored && node.properties?.some((p) => p.name === 'focused' && p.value.value === true));
    const inner = focused.find((node) => node.role?.value !== 'RootWebArea');
    if (!inner) return 'RootWebArea';
    return `${inner.role?.value ?? '?'} ${inner.name?.value ?? ''}`.trim();
  }

  /** Whether the named node is expanded, for a disclosure or a toggle; null when it has no such state. */
  async expanded(spoken: Spoken): Promise<boolean | null> {
    const node = (await this.#nodes()).find((each) => !each.ignored && `${each.role?.value} ${each.name?.value ?? ''}`.trim() === spoken);
    const property = node?.properties?.find((p) => p.name === 'expanded');
    return property ? property.value.value === true : null;
  }

  /** What a screen reader adds to a field's name on focus: its description, and whether it is marked invalid. */
  async field(spoken: Spoken): Promise<{ description: string; invalid: boolean } | null> {
    const node = (await this.#nodes()).find((each) => !each.ignored && `${each.role?.value} ${each.name?.value ?? ''}`.trim() === spoken);
    if (!node) return null;
    const invalid = node.properties?.find((p) => p.name === 'invalid')?.value.value;
    return { description: node.description?.value ?? '', invalid: invalid !== undefined && invalid !== 'false' && invalid !== false };
  }

  /**
   * The text a live region holds: `status` (polite) or `alert` (assertive). The popover marks the
   * same words said again with a trailing no-break space; `raw` keeps it, to tell a repeat apart.
   */
  async liveRegion(role: 'status' | 'alert', { raw = false } = {}): Promise<string> {
    const nodes = await this.#nodes();
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const regions = nodes.filter((node) => !node.ignored && node.role?.value === role);
    if (regions.length !== 1) throw new Error(`Expected one ${role} region, found ${regions.length}`);
    const text: string[] = [];
    const walk = (node: AxNode) => {
      if (node.role?.value === 'StaticText' && !node.ignored) text.push(node.name?.value ?? '');
      for (const id of node.childIds ?? []) {
        const child = byId.get(id);
        if (child) walk(child);
      }
    };
    walk(regions[0]!);
    const said = text.join('');
    return raw ? said : said.replace(/\u00a0$/u, '');
  }

  /** How many live regions of each kind the page has. */
  async liveRegionCount(): Promise<{ status: number; alert: number }> {
    const nodes = (await this.#nodes()).filter((node) => !node.ignored);
    return { status: nodes.filter((n) => n.role?.value === 'status').length, alert: nodes.filter((n) => n.role?.value === 'alert').length };
  }

  async close(): Promise<void> {
    await this.session.detach().catch(() => {});
  }
}

/** The popover rig in its own Chromium at the fixtures' "now", with its accessibility tree open. */
export async function readPopover(view: AccountView, now: number): Promise<{ rig: PopoverRig; tree: AccessibilityTree; close(): Promise<void> }> {
  const chromium = await launchChromium();
  await chromium.context.clock.setFixedTime(new Date(now));
  const rig = await startPopoverRig({ chromium, view });
  const tree = await AccessibilityTree.of(rig.page);
  return {
    rig,
    tree,
    async close() {
      await tree.close();
      rig.close();
      await chromium.close();
    },
  };
}
