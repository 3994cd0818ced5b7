import { isUnreadablePayload } from './unreadable-payload';

const body = (message: string) => JSON.stringify({ code: 'ConnectWiseApi', message });

describe('isUnreadablePayload', () => {
  it.each([
    "Error converting value \"250\" to type 'ConnectWise.Apis.v3_0.v2015_3.Common.Models.CompanyReference'. Path 'company', line 3, position 21.",
    "Could not convert string to integer: x. Path 'processedRecordIds[0]', line 1, position 28.",
    "Could not convert string to boolean: yes. Path 'exportInvoicesFlag', line 1, position 27.",
    "Unexpected character encountered while parsing value: {. Path 'locationId', line 1, position 14.",
    "Input string '1.5' is not a valid integer. Path 'locationId', line 1, position 17.",
    'Cannot deserialize the current JSON object (e.g. {"name":"value"}) into type …',
    "JSON integer 99999999999 is too large or small for an Int32. Path 'id', line 1, position 17.",
  ])('recognises Newtonsoft’s %s', (message) => {
    expect(isUnreadablePayload(500, body(message))).toBe(true);
  });

  it('reads ASP.NET’s capitalised Message too', () => {
    expect(isUnreadablePayload(500, JSON.stringify({ Message: 'Error converting value 5 to type X.' }))).toBe(true);
  });

  it.each([
    [500, body('An unexpected error has occurred.')],
    [500, body('String was not recognized as a valid Boolean.')],
    [503, body('Error converting value "x" to type \'System.Int32\'.')],
    [400, body('Error converting value "x" to type \'System.Int32\'.')],
    [500, '<html>Server Error</html>'],
    [500, 'null'],
  ])('leaves HTTP %i %s alone', (status, text) => {
    expect(isUnreadablePayload(status, text)).toBe(false);
  });
});
