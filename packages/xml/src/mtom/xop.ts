/**
 * The names XOP and MTOM give meaning to (XML-binary Optimized Packaging, W3C REC-xop10-20050125;
 * SOAP MTOM, W3C REC-soap12-mtom-20050125).
 */

/** The namespace of `xop:Include`, the element that stands for a binary MIME part in the XML. */
export const XOP_NAMESPACE = "http://www.w3.org/2004/08/xop/include";
export const XOP_INCLUDE = "Include";
/** The prefix the writer gives `xop:Include` (the one XOP's examples and WCF use). */
export const XOP_PREFIX = "xop";
/** `href` (no namespace) holds the `cid:` URL of the part. */
export const XOP_HREF = "href";
export const CID_SCHEME = "cid:";

/**
 * WsWriteBytes: "if the element containing the bytes has an attribute with the name 'contentType'
 * and the namespace 'http://www.w3.org/2004/11/xmlmime', then the value of the attribute will be
 * reflected in the content type header for the MIME part".
 */
export const XMLMIME_NAMESPACE = "http://www.w3.org/2004/11/xmlmime";
export const XMLMIME_CONTENT_TYPE = "contentType";

/** The media type of a XOP package (the "type" parameter of multipart/related) and of its root part. */
export const XOP_MEDIA_TYPE = "application/xop+xml";
export const MULTIPART_RELATED = "multipart/related";
/** A binary part's content type when the element names none (XOP 1.0 and WCF). */
export const DEFAULT_PART_CONTENT_TYPE = "application/octet-stream";
