/**
 * The seam between the channel core (WS_CHANNEL, WS_LISTENER: states, properties, encodings,
 * messages) and a binding's transport (HTTP, net.tcp, UDP). A transport moves encoded envelopes; it
 * knows nothing of WS_MESSAGE. The channel core picks the transport by WS_CHANNEL_BINDING and
 * WS_CHANNEL_TYPE, and drives every channel type through the same four verbs:
 *
 * - request (HTTP client): `send` issues a request; the reply it gets is what the next `receive`
 *   returns (WsRequestReply = send + receive; a one-way WsSendMessage never calls receive).
 * - reply (HTTP server): `receive` returns the one request the channel was accepted for; `send`
 *   answers it.
 * - duplex session (net.tcp): `send` and `receive` are independent and may overlap; `receive`
 *   returns null once the peer has ended the session.
 * - duplex / input / output (UDP): datagrams.
 *
 * Cancellation: every operation takes an AbortSignal made by the channel core from WsAbortChannel
 * and the channel's timeouts. When it fires, the transport rejects with `signal.reason`, a WsError
 * that already carries the right HRESULT (WS_E_OPERATION_ABORTED or WS_E_OPERATION_TIMED_OUT), and
 * releases what the operation held. Failures of the peer or the network reject with a WsError too:
 * WS_E_ENDPOINT_NOT_FOUND, WS_E_ENDPOINT_NOT_AVAILABLE, WS_E_ENDPOINT_DISCONNECTED,
 * WS_E_ENDPOINT_ACCESS_DENIED, WS_E_ENDPOINT_FAILURE, WS_E_QUOTA_EXCEEDED, WS_E_INVALID_FORMAT.
 */

/** An encoded message as a transport carries it. */
export interface TransportMessage {
  /**
   * The encoded envelope. Buffered transfer mode gives one Uint8Array; streamed mode an async
   * iterable of chunks, which the receiver must drain or the transport discard on close.
   */
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
  /**
   * The content type the encoding implies (text/xml; charset=utf-8, application/soap+xml; ...,
   * application/soap+msbin1, multipart/related; ...). net.tcp carries it in the preamble, not per
   * message, so a received net.tcp message reports the session's.
   */
  readonly contentType: string;
  /**
   * HTTP only: the headers that go with the message, names in lower case (SOAPAction, mapped
   * headers of WsAddMappedHeader). For a received HTTP reply, also its status in `status`.
   */
  readonly httpHeaders?: ReadonlyMap<string, string>;
  /** HTTP only: the status code of a received reply, or the one to send with a reply (default 200; a fault 500). */
  readonly status?: number;
}

/** What a channel of any binding and type does with the network. */
export interface ChannelTransport {
  /** Connect (net.tcp: connection, preamble, preamble ack). HTTP may resolve at once. */
  open(signal: AbortSignal): Promise<void>;
  send(message: TransportMessage, signal: AbortSignal): Promise<void>;
  /** The next message, or null when the peer has ended the session (net.tcp End record) or there is no more input. */
  receive(signal: AbortSignal): Promise<TransportMessage | null>;
  /** Session channels: tell the peer no more messages follow (net.tcp End record), keep receiving. */
  shutdownSession?(signal: AbortSignal): Promise<void>;
  /** Orderly close: finish the session, release the connection (HTTP: back to the keep-alive pool). */
  close(signal: AbortSignal): Promise<void>;
  /** Tear down now; pending operations reject with `reason`. Never throws. */
  abort(reason: Error): void;
}

/** The server side of a binding: one per WS_LISTENER. */
export interface ListenerTransport {
  /** Start listening on the listener's URL (HTTP: a path on a shared port; net.tcp: a port and a via). */
  open(url: string, signal: AbortSignal): Promise<void>;
  /** The next inbound exchange (HTTP: one request; net.tcp: one session; UDP: the socket), as a channel transport. */
  accept(signal: AbortSignal): Promise<ChannelTransport>;
  close(signal: AbortSignal): Promise<void>;
  abort(reason: Error): void;
}
