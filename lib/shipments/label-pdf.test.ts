import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderLabelPdf } from './label-pdf';

describe('renderLabelPdf', () => {
  it('draws a one-page 4x6 inch PDF with the barcode image, even for names outside WinAnsi', async () => {
    const bytes = await renderLabelPdf({
      trackingId: 'EZ1000000001',
      carrierName: 'UPS',
      serviceName: 'UPS 2nd Day Air',
      shipDate: '2026-11-24',
      weightOz: 28,
      orderRef: 'ABCD1234',
      from: { name: 'Newark warehouse', line1: '200 Port St', city: 'Newark', state: 'NJ', zip: '07114' },
      to: { name: 'Zoë 王 Ñúñez', line1: '7 Oak Avenue', line2: 'Apt 3', city: 'Austin', state: 'TX', zip: '78701' },
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Subtype /Image');
  });
});
