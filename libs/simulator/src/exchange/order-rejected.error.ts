/** The venue refused an order; answered 400 `{error, success: false, errorMsg, orderID}` like the venue. */
export class OrderRejectedError extends Error {
  constructor(message: string, readonly orderId = '') {
    super(message);
    this.name = 'OrderRejectedError';
  }
}
