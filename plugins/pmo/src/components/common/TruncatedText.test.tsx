/*
 * Copyright 2026 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TruncatedText } from './TruncatedText';
import { titleColumn } from './DenseTable';

const LONG_TEXT =
  'Escalate to the vendor account team, order the replacement firmware, and book a second change window with the CAB';

describe('TruncatedText', () => {
  it('shows short texts as they are, without focus or tooltip', () => {
    render(<TruncatedText text="Escalate to vendor" />);
    expect(screen.getByText('Escalate to vendor').tabIndex).toBe(-1);
  });

  it('shows a dash for no text', () => {
    render(<TruncatedText text={undefined} />);
    expect(screen.getByText('—')).toBeInTheDocument();
  });

  it('gives the full text of a long one on hover and on keyboard focus', async () => {
    render(<TruncatedText text={LONG_TEXT} />);
    const cell = screen.getByText(LONG_TEXT);
    expect(cell).toHaveAttribute('tabindex', '0');

    // A keyboard user: MUI opens tooltips on focus after a key press.
    fireEvent.keyDown(document.body, { key: 'Tab' });
    act(() => cell.focus());
    expect(cell).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(LONG_TEXT);

    fireEvent.blur(cell);
    await userEvent.hover(cell);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(LONG_TEXT);
  });
});

describe('titleColumn', () => {
  it('keeps words whole and a readable minimum width', () => {
    const column = titleColumn();
    expect(column.cellStyle).toMatchObject({
      minWidth: 180,
      wordBreak: 'normal',
      overflowWrap: 'normal',
    });
  });
});
