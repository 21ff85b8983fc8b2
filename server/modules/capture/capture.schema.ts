import { z } from 'zod';
import { text } from '../../http/text.ts';
import { MaterialCode } from '../cases/cases.schema.ts';

export const CaseImageParams = z.object({ id: z.uuid(), imageId: z.uuid() });
export const ReusedPageParams = CaseImageParams.extend({ otherImageId: z.uuid() });
export const PageImageQuery = z.object({
  kind: z.enum(['original', 'preview', 'thumbnail']).default('original').describe('the original file, or a derived JPEG for the viewer'),
});

const Reason = text({ min: 2, max: 500, multiline: true });

/** The capture upload, for the OpenAPI document; the route reads and checks the parts as they stream in. */
export const CaptureUploadBody = z.object({
  materialCode: MaterialCode.describe('材料代码 of the sub-type, e.g. birth-certificate'),
  file: z.file().describe('a photograph or scan: JPEG, PNG, TIFF (every page) or PDF (every page); the type is read from the content'),
  supplementReason: Reason.optional().describe('补录: why the material comes now; required after submission or after the capture limit'),
  replacesImageId: z.uuid().optional().describe('a retake: the new page (one page only) takes this page’s place, before submission'),
});

/** The upload fields as the route reads them from the stream. */
export const CaptureUploadFields = {
  materialCode: MaterialCode,
  supplementReason: Reason.optional(),
  replacesImageId: z.uuid().optional(),
};

export const PortraitUploadBody = z.object({ file: z.file().describe('the applicant’s portrait: JPEG or PNG') });

export const PageOrderBody = z.object({
  materialCode: MaterialCode,
  imageIds: z.array(z.uuid()).min(1).max(500).describe('every current page of the material, in the new order'),
});

export const ReasonBody = z.object({ reason: Reason });

const Bytes = z.string().meta({ format: 'binary' });
/** A page answers bytes typed by their content (checked at capture); derivatives are JPEG. */
export const PageImageResponse = {
  description: 'the page: its original file, or a derived JPEG',
  content: {
    'image/jpeg': { schema: Bytes },
    'image/png': { schema: Bytes },
    'image/tiff': { schema: Bytes },
    'application/pdf': { schema: Bytes },
  },
};
